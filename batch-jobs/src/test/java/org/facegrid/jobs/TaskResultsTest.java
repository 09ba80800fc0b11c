package org.facegrid.jobs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskResultsTest {
    @Test
    void aTasksResultIsHandedOn() throws Exception {
        assertEquals("bytes", TaskResults.of(CompletableFuture.supplyAsync(() -> "bytes")));
    }

    @Test
    void aTaskThatThrewFailsTheCallerWithItsOwnException() {
        IllegalStateException mismatch = new IllegalStateException("object k: checksum mismatch");
        assertSame(mismatch, assertThrows(IllegalStateException.class,
                () -> TaskResults.of(CompletableFuture.failedFuture(mismatch))));
    }

    @Test
    void aCheckedFailureStaysWrapped() {
        IOException io = new IOException("disk gone");
        ExecutionException wrapped = assertThrows(ExecutionException.class,
                () -> TaskResults.of(CompletableFuture.failedFuture(io)));
        assertSame(io, wrapped.getCause());
    }
}
