package dev.blixard.api;

/** The job, worker or other entity a request names does not exist (or is not visible to the caller). */
public class NotFoundException extends BlixardException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String id;

    /**
     * @param entity what was looked for, for example {@code "job"}
     * @param id the identifier that was not found
     */
    public NotFoundException(String entity, String id) {
        super(entity + " '" + id + "' not found");
        this.entity = entity;
        this.id = id;
    }

    /** @return what was looked for, for example {@code "job"} */
    public String entity() {
        return entity;
    }

    /** @return the identifier that was not found */
    public String id() {
        return id;
    }
}
