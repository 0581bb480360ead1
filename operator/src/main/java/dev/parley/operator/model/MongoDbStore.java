package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import java.util.List;

/** The managed MongoDB (sync library): a single mongod with a root user from the generated Secret. */
public final class MongoDbStore {

    private MongoDbStore() {
    }

    public static StoreContainer container(ImCluster cluster) {
        String secret = Names.credentialsSecret(cluster);
        return new StoreContainer(
                List.of(),
                List.of(Env.fromSecret("MONGO_INITDB_ROOT_USERNAME", secret, Credentials.MONGODB_USERNAME),
                        Env.fromSecret("MONGO_INITDB_ROOT_PASSWORD", secret, Credentials.MONGODB_PASSWORD)),
                "/data/db",
                Probes.exec(10, "mongosh", "--quiet", "--eval", "db.adminCommand('ping').ok"),
                Probes.tcp(Store.MONGODB.port(), 30));
    }
}
