package dev.cpcstream.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate any class it was not told to trust, generated ones included, so decoding into
 * these classes fails with a SecurityException. Every codec trusts this package on top of whatever was trusted
 * before (the defaults, or the org.apache.avro.SERIALIZABLE_* properties), once for the whole JVM.
 */
final class PackageTrust {

    static {
        String schemasPackage = PackageTrust.class.getPackageName();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> type.getPackageName().equals(schemasPackage)));
    }

    private PackageTrust() {
    }

    /** Runs the static trust above, the first time only. */
    static void ensure() {
        // loading the class is the work
    }
}
