package org.facegrid.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every API call needs a user (HTTP Basic, Elytron's application realm); roles decide what each may do. */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {
    private final Http admin = Deployments.server("admin");
    private final Http operator = Deployments.server("operator");
    private final Http viewer = Deployments.server("viewer");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    private static void assertError(Http.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType() + " " + reply);
        assertEquals(code, reply.object().getString("code"), reply.toString());
    }

    @Test
    void withoutValidCredentialsEveryApiCallIs401() {
        Http anonymous = admin.anonymous();
        Http.Reply none = anonymous.get("/api/v1/persons");
        assertError(none, 401, "unauthorized");
        assertNotNull(none.header("WWW-Authenticate"), "the Basic challenge is sent");
        assertError(anonymous.post("/api/v1/persons", "{\"name\":\"x\"}"), 401, "unauthorized");
        assertError(anonymous.send("POST", "/api/v1/recognitions", "image/png", TestImages.noFacePng()), 401,
                "unauthorized");
        assertError(admin.as("admin", "not-the-password").get("/api/v1/cluster"), 401, "unauthorized");
        assertError(admin.as("nobody", "nothing").get("/api/v1/persons"), 401, "unauthorized");
    }

    @Test
    void healthStaysOpenForLoadBalancers() {
        assertEquals(200, admin.anonymous().get("/health/ready").status());
        assertEquals(200, admin.anonymous().get("/health/live").status());
    }

    @Test
    void viewersReadOnly() {
        assertEquals(200, viewer.get("/api/v1/persons").status());
        assertEquals(200, viewer.get("/api/v1/cluster").status());
        assertError(viewer.post("/api/v1/persons", "{\"name\":\"Not allowed\"}"), 403, "forbidden");
        assertError(viewer.send("POST", "/api/v1/recognitions", "image/png", TestImages.noFacePng()), 403, "forbidden");
        assertError(viewer.send("PUT", "/api/v1/objects/security/x.txt", "text/plain", "x"), 403, "forbidden");
    }

    @Test
    void operatorsEnrolAndRecogniseButAdminsAloneDelete() {
        Http.Reply created = operator.post("/api/v1/persons", "{\"name\":\"Operator made\"}");
        assertEquals(201, created.status(), created.toString());
        String id = created.object().getString("id");
        Http.Reply recognised = operator.send("POST", "/api/v1/recognitions", "image/png", TestImages.noFacePng());
        assertEquals(200, recognised.status(), recognised.toString());
        assertError(operator.delete("/api/v1/persons/" + id), 403, "forbidden");
        assertError(operator.send("PUT", "/api/v1/objects/security/x.txt", "text/plain", "x"), 403, "forbidden");
        assertEquals(200, viewer.get("/api/v1/persons/" + id).status(), "a refused delete deleted nothing");

        assertEquals(204, admin.delete("/api/v1/persons/" + id).status());
        assertEquals(404, viewer.get("/api/v1/persons/" + id).status());
    }
}
