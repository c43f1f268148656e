package com.voxclone.worker.boundary;

import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.platform.entity.Timestamps;
import com.voxclone.worker.entity.WorkerNode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which workers exist and what they do. Each change commits on its own: the registry must reflect reality even
 * while a job's own transaction is still open or is rolled back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WorkerRegistry {

    /** A worker that has not reported for this long is considered gone. */
    public static final Duration FRESHNESS = Duration.ofSeconds(30);

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    public void heartbeat(String nodeName, String host, EngineDescriptor engine, boolean justStarted) {
        WorkerNode node = em.find(WorkerNode.class, nodeName);
        if (node == null) {
            em.persist(new WorkerNode(nodeName, host, engine));
            return;
        }
        node.report(host, engine);
        if (justStarted) {
            node.restarted();
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<WorkerNode> all() {
        return em.createNamedQuery(WorkerNode.ALL, WorkerNode.class).getResultList();
    }

    /**
     * Workers that reported within {@link #FRESHNESS} and not before {@code notBefore}: a heartbeat from before the
     * asking node started may come from a worker that died with the node's previous run.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long alive(OffsetDateTime notBefore) {
        OffsetDateTime fresh = Timestamps.now().minus(FRESHNESS);
        return em.createNamedQuery(WorkerNode.ALIVE_SINCE, Long.class)
                .setParameter("since", fresh.isAfter(notBefore) ? fresh : notBefore).getSingleResult();
    }
}
