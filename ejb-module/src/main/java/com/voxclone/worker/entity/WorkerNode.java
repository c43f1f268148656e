package com.voxclone.worker.entity;

import com.voxclone.platform.entity.Timestamps;
import com.voxclone.engine.entity.EngineDescriptor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A worker node as it last reported itself (heartbeat every few seconds). */
@Entity
@Table(name = "worker_node")
@NamedQuery(name = WorkerNode.ALL, query = "SELECT w FROM WorkerNode w ORDER BY w.nodeName")
@NamedQuery(name = WorkerNode.ALIVE_SINCE, query = "SELECT COUNT(w) FROM WorkerNode w WHERE w.lastHeartbeatAt >= :since")
@NamedQuery(name = WorkerNode.MODELS_SINCE, query = "SELECT DISTINCT w.modelId FROM WorkerNode w WHERE w.lastHeartbeatAt >= :since"
        + " AND w.modelId IS NOT NULL ORDER BY w.modelId")
public class WorkerNode {

    public static final String ALL = "WorkerNode.all";
    public static final String ALIVE_SINCE = "WorkerNode.aliveSince";
    public static final String MODELS_SINCE = "WorkerNode.modelsSince";

    @Id
    @Column(name = "node_name", length = 200)
    private String nodeName;

    @Column(nullable = false, length = 200)
    private String host;

    @Column(nullable = false, length = 32)
    private String engine;

    @Column(name = "quality_tier", nullable = false, length = 16)
    private String qualityTier;

    @Column(length = 200)
    private String model;

    /** The model it holds, as requests name it: it takes the jobs and requests for that model. */
    @Column(name = "model_id", length = 40)
    private String modelId;

    @Column(name = "execution_provider", length = 64)
    private String executionProvider;

    @Column(length = 200)
    private String device;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "last_heartbeat_at", nullable = false)
    private OffsetDateTime lastHeartbeatAt;

    protected WorkerNode() {
    }

    public WorkerNode(String nodeName, String host, EngineDescriptor engine) {
        this.nodeName = nodeName;
        this.startedAt = Timestamps.now();
        report(host, engine);
    }

    public void report(String host, EngineDescriptor d) {
        this.host = host;
        this.engine = d.engine();
        this.qualityTier = d.qualityTier();
        this.model = d.model();
        this.modelId = d.modelId();
        this.executionProvider = d.executionProvider();
        this.device = d.device();
        this.lastHeartbeatAt = Timestamps.now();
    }

    public void restarted() {
        this.startedAt = Timestamps.now();
    }

    public String getNodeName() {
        return nodeName;
    }

    public String getHost() {
        return host;
    }

    public String getEngine() {
        return engine;
    }

    public String getQualityTier() {
        return qualityTier;
    }

    public String getModel() {
        return model;
    }

    public String getModelId() {
        return modelId;
    }

    public String getExecutionProvider() {
        return executionProvider;
    }

    public String getDevice() {
        return device;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getLastHeartbeatAt() {
        return lastHeartbeatAt;
    }
}
