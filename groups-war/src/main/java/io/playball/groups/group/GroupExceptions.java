package io.playball.groups.group;

/** The group rules' refusals; the API turns each into its problem. */
public final class GroupExceptions {

    private GroupExceptions() {
    }

    /** The group does not exist, or the caller is not a member (the two look the same from outside). */
    public static class GroupNotFound extends RuntimeException {
        public GroupNotFound() {
            super("No such group");
        }
    }

    /** The caller is a member but not an admin of the group. */
    public static class NotAdmin extends RuntimeException {
        public NotAdmin() {
            super("Only an admin of the group may do this");
        }
    }

    /** The caller's registration event has not reached this service yet. */
    public static class UserNotKnownYet extends RuntimeException {
        public UserNotKnownYet() {
            super("Your account is not known to the groups service yet; retry in a moment");
        }
    }

    /** The caller's account has been deleted; their token is still within its lifetime. */
    public static class CallerDeleted extends RuntimeException {
        public CallerDeleted() {
            super("Your account has been deleted");
        }
    }

    /** The user to add is not (or no longer) known to this service. */
    public static class UserNotFound extends RuntimeException {
        public UserNotFound(String userId) {
            super("No such user: " + userId);
        }
    }

    /** The member to remove is not in the group. */
    public static class MemberNotFound extends RuntimeException {
        public MemberNotFound(String userId) {
            super("The user " + userId + " is not a member of the group");
        }
    }

    /** The change names a version of the group that is no longer current. */
    public static class StaleVersion extends RuntimeException {
        public StaleVersion(long current) {
            super("The group has changed since the version you sent; its current version is " + current);
        }

        /** Another change committed while this one was being written: its version is not known here. */
        public StaleVersion() {
            super("The group was changed by someone else meanwhile; read it again and retry");
        }
    }

    /** The last admin tried to leave while other members remain. */
    public static class LastAdmin extends RuntimeException {
        public LastAdmin() {
            super("The last admin cannot leave while other members remain; make another member admin first");
        }
    }
}
