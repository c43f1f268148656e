package com.voxclone.quota.boundary;

import com.voxclone.quota.entity.QuotaUse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** Quotas as the API shows them: {"quotas": {"voices": {"limit", "used", "remaining", "setForUser"}, ...}}. */
final class QuotaView {

    private QuotaView() {
    }

    static JsonObject json(List<QuotaUse> uses) {
        JsonObjectBuilder all = Json.createObjectBuilder();
        uses.forEach(q -> all.add(q.quota().field(), Json.createObjectBuilder()
                .add("limit", q.limit())
                .add("used", q.used())
                .add("remaining", q.remaining())
                .add("setForUser", q.setForUser())));
        return Json.createObjectBuilder().add("quotas", all).build();
    }
}
