package io.dtaas.controlplane.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.SystemError;
import io.dtaas.secret.Secret;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Notification channels: create (secrets sealed), list (masked), change rules, delete. */
@ApplicationScoped
public class ChannelService {

    private static final String COLUMNS = "id, name, channel_type, secret_config, rules::text, created_at";
    private static final TypeReference<List<String>> RULES = new TypeReference<>() { };

    private final DataSource metadata;
    private final ChannelSecrets secrets;
    private final ObjectMapper json = new ObjectMapper();

    public ChannelService(DataSource metadata, ChannelSecrets secrets) {
        this.metadata = metadata;
        this.secrets = secrets;
    }

    public ChannelView create(ChannelRequest request) {
        ChannelValidator.Valid valid = ChannelValidator.validate(request);
        String sql = "INSERT INTO notification_channels (name, channel_type, secret_config, rules)"
                + " VALUES (?, ?, ?, ?::jsonb) RETURNING " + COLUMNS;
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, valid.name());
            ps.setString(2, valid.type().wire());
            ps.setString(3, secrets.seal(valid.endpoint()));
            setRules(ps, 4, valid.rules());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return view(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("a notification channel named '" + valid.name() + "' already exists");
            }
            throw new SystemError("cannot store a notification channel", e);
        }
    }

    public List<ChannelView> list() {
        List<ChannelView> views = new ArrayList<>();
        try (Connection c = metadata.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notification_channels ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                views.add(view(rs));
            }
            return views;
        } catch (SQLException e) {
            throw new SystemError("cannot read notification channels", e);
        }
    }

    public ChannelView get(long id) {
        return list().stream().filter(v -> v.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundError("notification channel " + id + " does not exist"));
    }

    public ChannelView updateRules(long id, ChannelRulesRequest request) {
        List<String> rules = ChannelValidator.rules(request == null ? null : request.rules());
        String sql = "UPDATE notification_channels SET rules = ?::jsonb, version = version + 1 WHERE id = ?";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            setRules(ps, 1, rules);
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundError("notification channel " + id + " does not exist");
            }
        } catch (SQLException e) {
            throw new SystemError("cannot change a notification channel", e);
        }
        return get(id);
    }

    /** Deletes the channel and, with it, its pending and recorded deliveries. */
    public void delete(long id) {
        try (Connection c = metadata.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM notification_channels WHERE id = ?")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundError("notification channel " + id + " does not exist");
            }
        } catch (SQLException e) {
            throw new SystemError("cannot delete a notification channel", e);
        }
    }

    private ChannelView view(ResultSet rs) throws SQLException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("url", Secret.MASK);
        if (secrets.open(rs.getLong(1), rs.getString(4)).signed()) {
            config.put("secret", Secret.MASK);
        }
        return new ChannelView(rs.getLong(1), rs.getString(2), rs.getString(3), config, rules(rs.getString(5)),
                rs.getTimestamp(6).toInstant());
    }

    private List<String> rules(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, RULES);
        } catch (JsonProcessingException e) {
            throw new SystemError("stored channel rules are not readable", null);
        }
    }

    private void setRules(PreparedStatement ps, int index, List<String> rules) throws SQLException {
        if (rules == null) {
            ps.setNull(index, Types.VARCHAR);
            return;
        }
        try {
            ps.setString(index, json.writeValueAsString(rules));
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot serialise channel rules", null);
        }
    }
}
