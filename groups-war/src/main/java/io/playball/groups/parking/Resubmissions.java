package io.playball.groups.parking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** The table of resubmissions: which parked records went back to the consumer, and when. */
@ApplicationScoped
public class Resubmissions {

    @PersistenceContext(unitName = "groups")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String recordId, Instant at) {
        Resubmission existing = em.find(Resubmission.class, recordId);
        if (existing == null) {
            em.persist(new Resubmission(recordId, at));
        } else {
            existing.again(at);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Instant> of(Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT r FROM Resubmission r WHERE r.recordId IN :ids", Resubmission.class)
                .setParameter("ids", recordIds)
                .getResultStream()
                .collect(Collectors.toMap(Resubmission::recordId, Resubmission::resubmittedAt));
    }
}
