package dev.blixard.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

import dev.blixard.launcher.OptionSpec;

public class ArgumentParserTest {

    private static final OptionSpec FLAG = OptionSpec.flag("--json", null, "json");
    private static final OptionSpec ONE = OptionSpec.valued("--priority", "N", "priority");
    private static final OptionSpec MANY = OptionSpec.repeatable("--label", "K=V", "labels");
    private static final List<OptionSpec> KNOWN = List.of(FLAG, ONE, MANY);

    private static ParsedArguments parse(String... args) throws ClientUsageException {
        return ArgumentParser.parse(List.of(args), KNOWN);
    }

    @Test
    public void takesBothSpellingsFlagsAndRepeatedOptions() throws Exception {
        ParsedArguments args = parse("--priority=-5", "--label", "a=1", "{}", "--label=b=2", "--json");
        assertEquals(Optional.of("-5"), args.value(ONE));
        assertEquals(List.of("a=1", "b=2"), args.values(MANY));
        assertTrue(args.has(FLAG));
        assertEquals(List.of("{}"), args.positionals());
    }

    @Test
    public void aNegativeNumberIsAValueAndADashIsStdin() throws Exception {
        ParsedArguments args = parse("--priority", "-5", "-");
        assertEquals(Optional.of("-5"), args.value(ONE));
        assertEquals(List.of("-"), args.positionals());
    }

    @Test
    public void doubleDashEndsTheOptions() throws Exception {
        assertEquals(List.of("--json"), parse("--", "--json").positionals());
    }

    @Test
    public void rejectsWhatItDoesNotKnowOrCannotUse() {
        assertEquals("unknown option '--nope'", assertThrows(ClientUsageException.class, () -> parse("--nope")).getMessage());
        assertEquals("option --priority is given more than once",
                assertThrows(ClientUsageException.class, () -> parse("--priority", "1", "--priority", "2")).getMessage());
        assertEquals("option --priority needs a value (N)",
                assertThrows(ClientUsageException.class, () -> parse("--priority")).getMessage());
        assertEquals("option --json takes no value",
                assertThrows(ClientUsageException.class, () -> parse("--json=yes")).getMessage());
    }
}
