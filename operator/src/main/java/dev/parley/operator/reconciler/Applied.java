package dev.parley.operator.reconciler;

/** An object before and after one apply; {@code previous} is null when it was just created. */
public record Applied<T>(T previous, T current) {
}
