package io.spmd4j;

import io.spmd4j.engine.ElementType;

/**
 * A reduction operation (MPI_Op) for {@code reduce} and {@code allreduce}. The predefined ones are
 * commutative and associative; spmd4j still combines contributions in rank order
 * ({@code x0 op x1 op ... op xn-1}) along a fixed tree, so the same inputs give bitwise the same
 * result on every run.
 */
public abstract class Op {
    /** Sum (MPI_SUM). */
    public static final Op SUM = new Arithmetic("SUM", 0);
    /** Product (MPI_PROD). */
    public static final Op PROD = new Arithmetic("PROD", 1);
    /** Minimum (MPI_MIN). */
    public static final Op MIN = new Arithmetic("MIN", 2);
    /** Maximum (MPI_MAX). */
    public static final Op MAX = new Arithmetic("MAX", 3);

    private final String name;

    Op(String name) {
        this.name = name;
    }

    /** The operation's name, e.g. {@code SUM}. */
    public String name() {
        return name;
    }

    /**
     * Combines {@code n} elements in place: {@code left[lo+i] = left[lo+i] op right[ro+i]}.
     *
     * @throws MpiException ERR_OP when the operation is not defined for the element type
     */
    abstract void combine(ElementType type, Object left, int lo, Object right, int ro, int n);

    @Override
    public String toString() {
        return name;
    }

    private static final class Arithmetic extends Op {
        private final int kind;

        Arithmetic(String name, int kind) {
            super(name);
            this.kind = kind;
        }

        @Override
        void combine(ElementType type, Object left, int lo, Object right, int ro, int n) {
            switch (type) {
                case BYTE: {
                    byte[] a = (byte[]) left;
                    byte[] b = (byte[]) right;
                    for (int i = 0; i < n; i++) {
                        a[lo + i] = (byte) apply(a[lo + i], b[ro + i]);
                    }
                    break;
                }
                case SHORT: {
                    short[] a = (short[]) left;
                    short[] b = (short[]) right;
                    for (int i = 0; i < n; i++) {
                        a[lo + i] = (short) apply(a[lo + i], b[ro + i]);
                    }
                    break;
                }
                case INT: {
                    int[] a = (int[]) left;
                    int[] b = (int[]) right;
                    for (int i = 0; i < n; i++) {
                        a[lo + i] = (int) apply(a[lo + i], b[ro + i]);
                    }
                    break;
                }
                case LONG: {
                    long[] a = (long[]) left;
                    long[] b = (long[]) right;
                    for (int i = 0; i < n; i++) {
                        a[lo + i] = apply(a[lo + i], b[ro + i]);
                    }
                    break;
                }
                case FLOAT: {
                    float[] a = (float[]) left;
                    float[] b = (float[]) right;
                    for (int i = 0; i < n; i++) {
                        a[lo + i] = (float) apply((double) a[lo + i], (double) b[ro + i]);
                    }
                    break;
                }
                case DOUBLE: {
                    double[] a = (double[]) left;
                    double[] b = (double[]) right;
                    for (int i = 0; i < n; i++) {
                        a[lo + i] = apply(a[lo + i], b[ro + i]);
                    }
                    break;
                }
                default:
                    throw new MpiException(ErrorClass.ERR_OP, name() + " is not defined for "
                        + type.name().toLowerCase() + " elements");
            }
        }

        private long apply(long a, long b) {
            switch (kind) {
                case 0:
                    return a + b;
                case 1:
                    return a * b;
                case 2:
                    return Math.min(a, b);
                default:
                    return Math.max(a, b);
            }
        }

        private double apply(double a, double b) {
            switch (kind) {
                case 0:
                    return a + b;
                case 1:
                    return a * b;
                case 2:
                    return Math.min(a, b);
                default:
                    return Math.max(a, b);
            }
        }
    }
}
