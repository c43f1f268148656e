package com.voxclone.job.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry in a job's history: every status change, and every failed attempt, in order. */
@Entity
@Table(name = "job_event")
@NamedQuery(name = JobEvent.OF_JOB, query = "SELECT e FROM JobEvent e WHERE e.jobId = :jobId ORDER BY e.id")
public class JobEvent {

    public static final String OF_JOB = "JobEvent.ofJob";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Column(nullable = false, length = 16)
    private JobStatus status;

    private String message;

    @Column(name = "worker_node", length = 200)
    private String workerNode;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected JobEvent() {
    }

    public JobEvent(UUID jobId, JobStatus status, String message, String workerNode) {
        this.jobId = jobId;
        this.status = status;
        this.message = message;
        this.workerNode = workerNode;
        this.createdAt = Timestamps.now();
    }

    public Long getId() {
        return id;
    }

    public UUID getJobId() {
        return jobId;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getMessage() {
        return message;
    }

    public String getWorkerNode() {
        return workerNode;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
