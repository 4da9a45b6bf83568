package fr.essor.directory;

import java.sql.PreparedStatement;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/** Loads the labels of the NAF rév. 2 sub-classes (see {@code directory/NOTICE.md}), which searches match. */
@Component
class V1_28__LoadActivityLabels extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Map<String, String> labels = Nomenclatures.read("directory/codes-NAF.json");
        try (PreparedStatement insert = context.getConnection()
                .prepareStatement("insert into directory.activity (code, label) values (?, ?)")) {
            for (var entry : labels.entrySet()) {
                insert.setString(1, entry.getKey());
                insert.setString(2, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
