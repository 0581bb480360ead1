package dev.parley.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every Parley knob, with its default. The README's configuration table documents each one. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    /** Which roles this process runs. */
    @WithDefault("all")
    Role role();

    Kafka kafka();

    Redis redis();

    Mongodb mongodb();

    Mysql mysql();

    Auth auth();

    Message message();

    Transfer transfer();

    Gateway gateway();

    Retention retention();

    Group group();

    interface Kafka {
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** Partitions of the messages and push topics; only ever raised. */
        @WithDefault("8")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** Create missing topics at start (off where Strimzi's topic operator owns them). */
        @WithDefault("true")
        boolean createTopics();

        Topic topic();

        /** Prefix of the consumer groups: {prefix}-transfer, {prefix}-push, {prefix}-storage. */
        @WithDefault("parley")
        String groupPrefix();

        interface Topic {
            @WithDefault("parley-messages")
            String messages();

            @WithDefault("parley-push")
            String push();

            @WithDefault("parley-dead-letter")
            String deadLetter();
        }
    }

    interface Redis {
        @WithDefault("redis://127.0.0.1:6379")
        String url();
    }

    interface Mongodb {
        @WithDefault("mongodb://127.0.0.1:27017")
        String url();

        @WithDefault("parley")
        String database();
    }

    interface Mysql {
        @WithDefault("jdbc:mysql://127.0.0.1:3306/parley?createDatabaseIfNotExist=true")
        String url();

        @WithDefault("root")
        String username();

        Optional<String> password();
    }

    interface Auth {
        /** The secret an app server trades for an admin token (OpenIM's share.secret). */
        @WithDefault("openIM123")
        String adminSecret();

        /** HS256 key for user and admin tokens. */
        @WithDefault("parley-dev-token-secret-change-me")
        String tokenSecret();

        @WithDefault("90d")
        Duration tokenTtl();

        /** OpenIM multi-login policy: 0 no kick, 1 a new login on the same platform kicks the old one. */
        @WithDefault("1")
        int multiLoginPolicy();
    }

    interface Message {
        /** Largest accepted message content in bytes; larger sends get errCode 1001. */
        @WithDefault("65536")
        int maxContentBytes();

        /** Largest accepted WebSocket frame in bytes. */
        @WithDefault("1048576")
        int maxFrameBytes();
    }

    interface Transfer {
        /** Consumer threads per transfer process; each owns some partitions, so their store round trips overlap. */
        @WithDefault("3")
        int consumers();

        @WithDefault("500")
        int maxPollRecords();
    }

    interface Gateway {
        /** This gateway's name in the online registry; defaults to the pod name plus a random suffix. */
        Optional<String> instanceId();

        /** How long an online-registry entry lives unless the gateway refreshes it. */
        @WithDefault("90s")
        Duration presenceTtl();

        /** How often a gateway re-announces its sessions; well below the TTL. */
        @WithDefault("30s")
        Duration presenceRefresh();
    }

    interface Retention {
        /** How long MongoDB (the sync library) keeps messages. */
        @WithDefault("7d")
        Duration hot();

        /** How long MySQL (the storage library) keeps messages; 0 keeps them forever. */
        @WithDefault("0")
        Duration cold();

        /** How often the retention job trims the hot window and expires cold messages. */
        @WithDefault("1m")
        Duration checkEvery();
    }

    interface Group {
        /** Groups up to this many members are write-diffused; larger ones are read-diffused. */
        @WithDefault("500")
        int largeThreshold();
    }
}
