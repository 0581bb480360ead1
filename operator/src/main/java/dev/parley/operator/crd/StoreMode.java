package dev.parley.operator.crd;

/** Whether the operator runs a backing service itself or the user points Parley at an existing one. */
public enum StoreMode {
    Managed,
    External
}
