package org.facegrid.it.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureDrillsTest {
    @Test
    void aMistypedDrillNameIsAnErrorNotAnEmptyPass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FailureDrills("b,d"));
        assertTrue(e.getMessage().contains("[d]") && e.getMessage().contains("rolling"), e.getMessage());
        assertDoesNotThrow(() -> new FailureDrills(" a, rolling "));
    }
}
