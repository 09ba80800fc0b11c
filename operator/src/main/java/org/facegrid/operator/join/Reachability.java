package org.facegrid.operator.join;

import org.facegrid.operator.management.ManagementAddress;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a domain controller's management port answers, and whether TLS with it works. */
public interface Reachability {
    enum Answer { ANSWERS, UNREACHABLE, TLS_PROBLEM }

    Answer probe(ManagementAddress address);

    /** An HTTP request to the management endpoint, as any client would send first. */
    Reachability HTTP = address -> {
        try {
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(address.url())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return Answer.ANSWERS;
        } catch (SSLException e) {
            return Answer.TLS_PROBLEM;
        } catch (IOException e) {
            return e.getCause() instanceof SSLException ? Answer.TLS_PROBLEM : Answer.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.UNREACHABLE;
        }
    };
}
