package com.voxclone.consent.boundary;

import com.voxclone.consent.entity.ConsentPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Says at every start of a web node when the installation clones voices without consent (after the migrations ran). */
@Singleton
@Startup
@DependsOn("Platform")
public class ConsentPolicyNotice {

    private static final Logger LOG = Logger.getLogger(ConsentPolicyNotice.class.getName());

    @Inject
    ConsentRecords records;

    @PostConstruct
    void warnWhenOff() {
        if (records.policy() == ConsentPolicy.OFF) {
            LOG.warning("The consent policy is 'off'" + (records.chosenPolicy().isPresent() ? " (chosen by an administrator)"
                    : " (VOXCLONE_CONSENT_POLICY)") + ": voices are cloned without their speaker's verified consent. Use this "
                    + "for development and test installations only.");
        }
    }
}
