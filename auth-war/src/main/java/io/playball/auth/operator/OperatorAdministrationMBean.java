package io.playball.auth.operator;

/**
 * The server administrator's handle on operators, as MBean {@value OperatorAdministration#OBJECT_NAME}: reachable
 * only through Liberty's JMX connectors, that is over HTTPS by a user with Liberty's administrator role.
 */
public interface OperatorAdministrationMBean {

    /** Gives the admin role to the account with this id. */
    String grant(String accountId);

    /** Takes the admin role from the account with this id. */
    String revoke(String accountId);

    /** The accounts holding the role, each as "id granted-at". */
    String[] getOperators();
}
