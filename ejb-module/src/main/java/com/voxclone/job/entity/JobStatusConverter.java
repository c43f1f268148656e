package com.voxclone.job.entity;

import com.voxclone.platform.entity.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class JobStatusConverter extends LowerCaseEnumConverter<JobStatus> {
    public JobStatusConverter() {
        super(JobStatus.class);
    }
}
