package dev.blixard.core.validation;

import dev.blixard.testing.ConfigProxy;
import java.util.Map;

/** The whiteboard with every built-in validator at its defaults, as a node starts: for tests and the benchmark. */
public final class BuiltInValidation {

    private BuiltInValidation() {
    }

    public static SubmissionValidation create() {
        ValidatorWhiteboard whiteboard = new ValidatorWhiteboard();
        whiteboard.addValidator(new PayloadValidator(ConfigProxy.of(PayloadValidatorConfig.class, Map.of())));
        whiteboard.addValidator(new IdentifierValidator());
        whiteboard.addValidator(new WorkerConstraintsValidator(ConfigProxy.of(WorkerConstraintsConfig.class, Map.of())));
        whiteboard.addValidator(new TimestampValidator(ConfigProxy.of(TimestampValidatorConfig.class, Map.of())));
        return whiteboard;
    }
}
