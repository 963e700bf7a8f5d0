package dev.stophack.controller.kubernetes;

import dev.stophack.config.S3Options;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.Location;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One model store per model root a rollout names, opened once. */
public final class ModelStores {
    private final Function<Location, ModelStore> opener;
    private final Map<String, ModelStore> open = new ConcurrentHashMap<>();

    public ModelStores(Function<Location, ModelStore> opener) {
        this.opener = opener;
    }

    /** Stores on S3 (or a directory) with the controller's S3 settings. */
    public static ModelStores withS3(S3Options s3, Clock clock) {
        return new ModelStores(location -> new ModelStore(location.open(s3), clock));
    }

    /** The store at {@code root}; an IllegalArgumentException names what is wrong with the root. */
    ModelStore at(String root) {
        Location location = Location.parse(root);
        return open.computeIfAbsent(location.toString(), r -> opener.apply(location));
    }
}
