package dev.parley.operator.crd;

import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** What every runtime role's Deployment is sized by. */
public interface RoleSpec {

    int getReplicas();

    ResourceRequirements getResources();
}
