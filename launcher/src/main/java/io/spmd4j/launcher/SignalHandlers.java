package io.spmd4j.launcher;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * Installs handlers for POSIX signals through {@code sun.misc.Signal} (module jdk.unsupported).
 * Reached by reflection so that the build has no "internal proprietary API" warnings and the
 * launcher still works, without forwarding, on a JVM that lacks it. Handlers run on a JVM thread
 * made for each signal.
 */
final class SignalHandlers {
    private SignalHandlers() {
    }

    /**
     * Replaces the JVM's handler of signal {@code name} ("INT", "TERM") with {@code handler}, which
     * receives the signal number. Returns false when this JVM cannot do that.
     */
    static boolean install(String name, IntConsumer handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Method number = signalClass.getMethod("getNumber");
            Object proxy = Proxy.newProxyInstance(SignalHandlers.class.getClassLoader(), new Class<?>[] {handlerClass},
                (self, method, args) -> {
                    switch (method.getName()) {
                        case "handle":
                            handler.accept((Integer) number.invoke(args[0]));
                            return null;
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        default:
                            return "spmdrun signal handler for SIG" + name;
                    }
                });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
            return true;
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
