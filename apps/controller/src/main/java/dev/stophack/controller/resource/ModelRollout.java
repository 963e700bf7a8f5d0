package dev.stophack.controller.resource;

import dev.stophack.api.rollout.ModelRolloutSpec;
import dev.stophack.api.rollout.ModelRolloutStatus;
import dev.stophack.api.rollout.Resources;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The rollout of a streaming job's models: which job, which model store, which policy; its
 * status shows the active versions, what the controller is doing and the last decisions.
 */
@Group(Resources.GROUP)
@Version(Resources.VERSION)
@Kind(Resources.MODEL_ROLLOUT_KIND)
@Plural(Resources.MODEL_ROLLOUTS)
@Singular("modelrollout")
@ShortNames("mro")
@AdditionalPrinterColumn(name = "Process", jsonPath = ".status.process.active", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Memory", jsonPath = ".status.memory.active", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ModelRollout extends CustomResource<ModelRolloutSpec, ModelRolloutStatus> implements Namespaced {
    private static final long serialVersionUID = 1L;
}
