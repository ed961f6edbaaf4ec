package io.redset.engine;

/** Bad input, named by its field. Raised before anything is written. */
public final class InvalidInputException extends RedSetException {
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
