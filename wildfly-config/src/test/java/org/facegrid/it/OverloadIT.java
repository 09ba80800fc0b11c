package org.facegrid.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recognition bulkhead. The test server runs it at 1 analysis with 1 waiting (arquillian.xml), so a burst
 * of 8 requests must see some answered and the rest refused at once with 429 and Retry-After, and readiness
 * must report the overload, then recover.
 */
@ExtendWith(ArquillianExtension.class)
class OverloadIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    /** A full-HD picture: big enough that one analysis takes a while, no face to find. */
    private static byte[] fullHd() {
        BufferedImage image = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color((i * 53) % 256, (i * 97) % 256, (i * 31) % 256));
            g.fillRect((i * 173) % 1800, (i * 71) % 1000, 120, 80);
        }
        g.dispose();
        return TestImages.encode(image, "jpeg");
    }

    @Test
    void aBurstBeyondTheQueueIsRefusedAtOnceAndReadinessShowsIt() throws Exception {
        byte[] photo = fullHd();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(clients.submit(() -> http.send("POST", "/api/v1/recognitions", "image/jpeg", photo)));
        }
        int ok = 0;
        int refused = 0;
        for (Future<Http.Reply> future : replies) {
            Http.Reply reply = future.get();
            if (reply.status() == 429) {
                refused++;
                assertEquals("overloaded", reply.object().getString("code"), reply.toString());
                assertEquals("1", reply.header("Retry-After"), reply.toString());
            } else {
                assertEquals(200, reply.status(), reply.toString());
                ok++;
            }
        }
        clients.shutdown();
        assertTrue(ok >= 1, "some requests are served");
        assertTrue(refused >= 1, "with 1 running and 1 waiting, 8 at once cannot all be taken (served " + ok + ")");

        Http.Reply ready = http.anonymous().get("/health/ready");
        assertEquals(503, ready.status(), "readiness reports the overload for a few seconds: " + ready);
        assertTrue(ready.body().contains("recognition-capacity"), ready.body());

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.anonymous().get("/health/ready").status() != 200) {
            assertTrue(System.nanoTime() < deadline, "readiness did not recover");
            Thread.sleep(250);
        }
    }
}
