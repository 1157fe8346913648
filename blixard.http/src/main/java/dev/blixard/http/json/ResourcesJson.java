package dev.blixard.http.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blixard.api.job.Resources;
import java.util.function.Supplier;

/** {@code resources}: {@code {"cpu": 0.5, "memory_mb": 256, "disk_mb": 0}}; an absent amount is 0 (unspecified). */
public final class ResourcesJson {

    private ResourcesJson() {
    }

    /**
     * Reads the amounts now and builds the value later, after the reader's type checks passed.
     *
     * @return how to build the resources, or {@code null} when the field is absent
     */
    public static Supplier<Resources> read(FieldReader in, String field) {
        FieldReader amounts = in.object(field);
        if (amounts == null) {
            return null;
        }
        Double cpu = amounts.number("cpu");
        Long memoryMb = amounts.wholeNumber("memory_mb");
        Long diskMb = amounts.wholeNumber("disk_mb");
        amounts.rejectUnknownFields();
        return () -> new Resources(cpu == null ? 0 : cpu, memoryMb == null ? 0 : memoryMb, diskMb == null ? 0 : diskMb);
    }

    public static ObjectNode write(Resources resources) {
        ObjectNode node = JsonCodec.object();
        node.put("cpu", resources.cpu());
        node.put("memory_mb", resources.memoryMb());
        node.put("disk_mb", resources.diskMb());
        return node;
    }
}
