package dev.sweeper.core;

/**
 * Whether a resource is protected from any change of state.
 *
 * @param isProtected null when it could not be decided (tags not read and no name pattern matched)
 * @param reason      why it is protected, or null
 */
public record Protection(Boolean isProtected, String reason) {
    public static final Protection UNDECIDED = new Protection(null, null);
    public static final Protection NONE = new Protection(false, null);

    public boolean blocksAction() {
        // Undecided protection must not let an action through: callers read tags before acting.
        return !Boolean.FALSE.equals(isProtected);
    }
}
