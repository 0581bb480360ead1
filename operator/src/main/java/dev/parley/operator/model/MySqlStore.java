package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import java.util.List;

/** The managed MySQL (storage library): the image's entrypoint creates the database and user on first start. */
public final class MySqlStore {

    public static final String DATABASE = "parley";

    private MySqlStore() {
    }

    public static StoreContainer container(ImCluster cluster) {
        String secret = Names.credentialsSecret(cluster);
        return new StoreContainer(
                List.of(),
                List.of(Env.fromSecret("MYSQL_ROOT_PASSWORD", secret, Credentials.MYSQL_ROOT_PASSWORD),
                        Env.value("MYSQL_DATABASE", DATABASE),
                        Env.fromSecret("MYSQL_USER", secret, Credentials.MYSQL_USERNAME),
                        Env.fromSecret("MYSQL_PASSWORD", secret, Credentials.MYSQL_PASSWORD)),
                "/var/lib/mysql",
                Probes.exec(15, "sh", "-c", "MYSQL_PWD=\"$MYSQL_ROOT_PASSWORD\" mysqladmin ping -h 127.0.0.1 -u root --silent"),
                Probes.tcp(Store.MYSQL.port(), 60));
    }
}
