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

    /**
     * A model stays on offer this long after the last worker holding it reported, so that a request for it waits in
     * the queue through a worker's restart instead of being refused.
     */
    public static final Duration OFFER = Duration.ofHours(1);

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

    /** The models workers have held within {@link #OFFER}, by id. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> modelsOnOffer() {
        return em.createNamedQuery(WorkerNode.MODELS_SINCE, String.class)
                .setParameter("since", Timestamps.now().minus(OFFER)).getResultList();
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
