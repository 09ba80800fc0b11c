package org.facegrid.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/** The one ONNX Runtime environment of the process, and sessions made the same way for every model. */
public final class OnnxSessions {
    private OnnxSessions() {
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "facegrid");
    }

    /**
     * A session with all graph optimisations and {@code threads} intra-op threads that sleep when idle: spinning
     * idle threads took the cores from the BlazeFace tile threads and from the HTTP work around the pipeline
     * (API recognition p50 134 -> 73 ms on 2 cores).
     *
     * @param what the model, for the error message
     */
    public static OrtSession create(byte[] model, int threads, String what) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment().createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the " + what + ": " + e.getMessage(), e);
        }
    }

    public static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
