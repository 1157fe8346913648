package dev.blixard.http.metrics;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SeenIndexesTest {

    @Test
    public void remembersTheLastIndexesInAnyOrder() {
        SeenIndexes seen = new SeenIndexes(2);
        assertTrue(seen.firstSighting(5));
        assertTrue(seen.firstSighting(3));
        assertFalse(seen.firstSighting(5));
        assertTrue(seen.firstSighting(4));
        assertTrue("the oldest is forgotten past the capacity", seen.firstSighting(5));
        assertFalse(seen.firstSighting(4));
    }
}
