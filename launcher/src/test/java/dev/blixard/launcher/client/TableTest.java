package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class TableTest {

    @Test
    public void alignsColumnsWithoutTrailingBlanks() {
        Table table = new Table("ID", "STATUS", "NOTE").row("j-1", "Completed", "").row("job-22", "Failed", "two\nlines");
        assertEquals("ID      STATUS     NOTE\n"
                + "j-1     Completed\n"
                + "job-22  Failed     two lines\n", table.render());
    }

    @Test
    public void knowsWhenItHasNoRowsAndRejectsRaggedRows() {
        Table table = new Table("A", "B");
        assertEquals(true, table.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }

    @Test
    public void fieldsAlignTheirValues() {
        assertEquals("id      j-1\nstatus  -\n", new Fields().add("id", "j-1").add("status", null).render());
    }
}
