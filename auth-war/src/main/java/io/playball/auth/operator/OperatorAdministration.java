package io.playball.auth.operator;

import io.playball.auth.account.AccountNotFoundException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers {@link OperatorAdministrationMBean} while the application runs. Liberty's REST connector (restConnector,
 * which Admin Center brings) lets only users with the administrator role invoke it, and only over HTTPS: the same
 * credentials that open Admin Center grant and revoke operators, and registering an account grants nothing.
 */
@ApplicationScoped
public class OperatorAdministration {

    public static final String OBJECT_NAME = "io.playball:type=Operators";
    private static final Logger LOG = Logger.getLogger(OperatorAdministration.class.getName());

    @Inject
    Operators operators;

    /** The connector calls on its own threads: the proxy runs each call in this application's context. */
    @Resource
    ContextService contexts;

    private ObjectName name;

    void register(@Observes Startup startup) throws JMException {
        OperatorAdministrationMBean contextual = contexts.createContextualProxy(new Commands(operators),
                OperatorAdministrationMBean.class);
        name = new ObjectName(OBJECT_NAME);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);  // left by an earlier start of the application in this JVM
        }
        server.registerMBean(new StandardMBean(contextual, OperatorAdministrationMBean.class), name);
    }

    void unregister(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        try {
            if (name != null) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "MBean " + OBJECT_NAME + " already gone", e);
        }
    }

    /** What the MBean does; errors are IllegalArgumentExceptions, which JMX clients show with their message. */
    record Commands(Operators operators) implements OperatorAdministrationMBean {

        @Override
        public String grant(String accountId) {
            try {
                boolean granted = operators.grant(accountId);
                LOG.info("Operator role " + (granted ? "granted to" : "already held by") + " account " + accountId);
                return granted ? "granted" : "already an operator";
            } catch (AccountNotFoundException e) {
                throw new IllegalArgumentException("no account with id " + accountId);
            }
        }

        @Override
        public String revoke(String accountId) {
            boolean revoked = operators.revoke(accountId);
            LOG.info("Operator role " + (revoked ? "revoked from" : "not held by") + " account " + accountId);
            return revoked ? "revoked" : "not an operator";
        }

        @Override
        public String[] getOperators() {
            return operators.all().stream().map(g -> g.accountId() + " " + g.grantedAt()).toArray(String[]::new);
        }
    }
}
