package org.facegrid.operator.management;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.ModelControllerClientConfiguration;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

import javax.net.ssl.SSLException;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.SaslException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The WildFly management client (DMR over remote+http, DIGEST-MD5 with a management user's name and password).
 * The local-user shortcut is refused even on the controller's own machine: a command proves who it is, so the
 * join's credential check means something.
 */
public final class RemoteManagement implements Management {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private final ModelControllerClient client;
    private final ManagementAddress address;

    private RemoteManagement(ModelControllerClient client, ManagementAddress address) {
        this.client = client;
        this.address = address;
    }

    public static final ManagementConnector CONNECTOR = (address, user, password) -> {
        ModelControllerClientConfiguration configuration = new ModelControllerClientConfiguration.Builder()
                .setProtocol(address.tls() ? "remote+https" : "remote+http")
                .setHostName(address.host())
                .setPort(address.port())
                .setHandler(digest(user, password))
                .setSaslOptions(Map.of("SASL_DISALLOWED_MECHANISMS", "JBOSS-LOCAL-USER"))
                .setConnectionTimeout(CONNECT_TIMEOUT_MS)
                .build();
        return new RemoteManagement(ModelControllerClient.Factory.create(configuration), address);
    };

    @Override
    public ModelNode execute(ModelNode operation, Duration timeout) {
        Future<ModelNode> pending;
        try {
            pending = client.executeAsync(operation, null);
        } catch (RuntimeException e) {
            // the client connects on first use and reports a failed connection (refused, TLS, SASL) unchecked
            throw classify(e);
        }
        ModelNode outcome;
        try {
            outcome = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ManagementException(ManagementException.Kind.TIMED_OUT, Operations.getOperationName(operation)
                    + " on " + address + " did not answer in " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ManagementException(ManagementException.Kind.FAILED, "interrupted");
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        }
        if (!Operations.isSuccessfulOutcome(outcome)) {
            throw new ManagementException(ManagementException.Kind.FAILED,
                    Operations.getFailureDescription(outcome).asString());
        }
        return Operations.readResult(outcome);
    }

    /** Tells apart what the operator must fix: the address, the certificate or the credentials. */
    private ManagementException classify(Throwable failure) {
        // the whole chain first: a rejected login arrives as a ConnectException caused by a SaslException
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ManagementException(ManagementException.Kind.TLS, "TLS with " + address + ": " + t.getMessage(), failure);
            }
            if (t instanceof SaslException || String.valueOf(t.getMessage()).contains("Authentication failed")) {
                return new ManagementException(ManagementException.Kind.CREDENTIALS_REJECTED,
                        address + " rejected the credentials", failure);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return new ManagementException(ManagementException.Kind.UNREACHABLE, "nothing answers at " + address, failure);
            }
        }
        String message = failure instanceof IOException ? failure.getMessage() : String.valueOf(failure);
        return new ManagementException(ManagementException.Kind.UNREACHABLE, address + ": " + message, failure);
    }

    private static CallbackHandler digest(String user, String password) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                } else if (callback instanceof RealmCallback realm) {
                    realm.setText(realm.getDefaultText());
                } else if (callback instanceof RealmChoiceCallback choice) {
                    choice.setSelectedIndex(choice.getDefaultChoice());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }
}
