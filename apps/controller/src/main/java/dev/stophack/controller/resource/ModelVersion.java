package dev.stophack.controller.resource;

import dev.stophack.api.rollout.ModelVersionSpec;
import dev.stophack.api.rollout.ModelVersionStatus;
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
 * One trained version of one kind's model, created by the training job once the version is in
 * the model store; its status is the controller's. The spec and status are the api module's
 * classes, shared with training (which writes the JSON without fabric8).
 */
@Group(Resources.GROUP)
@Version(Resources.VERSION)
@Kind(Resources.MODEL_VERSION_KIND)
@Plural(Resources.MODEL_VERSIONS)
@Singular("modelversion")
@ShortNames("mv")
@AdditionalPrinterColumn(name = "Model", jsonPath = ".spec.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "F1", jsonPath = ".spec.metrics.f1", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "AUC", jsonPath = ".spec.metrics.auc", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ModelVersion extends CustomResource<ModelVersionSpec, ModelVersionStatus> implements Namespaced {
    private static final long serialVersionUID = 1L;
}
