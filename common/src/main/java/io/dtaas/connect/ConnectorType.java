package io.dtaas.connect;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The declaration of one connector type: its wire id ({@code postgresql}, {@code sql_server}, ...), the roles
 * it can play and its connection fields.
 *
 * @param browsable whether the database browser (catalog, preview, query) works on it
 */
public record ConnectorType(String id, String label, Set<Role> roles, List<FieldSpec> fields, boolean browsable) {

    public ConnectorType {
        roles = Set.copyOf(roles);
        fields = List.copyOf(fields);
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<FieldSpec> secretFields() {
        return fields.stream().filter(FieldSpec::secret).toList();
    }

    public boolean isSecret(String fieldName) {
        return field(fieldName).map(FieldSpec::secret).orElse(false);
    }

    /** The fields that say where secrets go (host, port, endpoint URL, TLS checks); see {@link SecretBinding}. */
    public List<FieldSpec> endpointFields() {
        return fields.stream().filter(FieldSpec::endpoint).toList();
    }
}
