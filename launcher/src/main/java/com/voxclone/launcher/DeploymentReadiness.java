package com.voxclone.launcher;

import fish.payara.micro.PayaraMicroRuntime;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * A readiness check of the server itself ({@code deployment}), registered with Payara's health service before the
 * first deployment: {@code /health/ready} is DOWN until every application is deployed and again while stopping.
 * Without it Payara Micro answers UP with no checks as soon as any application (the resource adapter) has started,
 * long before the applications register their own checks, and it never reads
 * {@code mp.health.default.readiness.empty.response}. Payara's classes are in its own class loader: reflection.
 */
final class DeploymentReadiness {

    private static final String HEALTH = "org.eclipse.microprofile.health.";

    private final Object deployed;
    private final Object stopping;
    private volatile Object current;

    private DeploymentReadiness(Object deploying, Object deployed, Object stopping) {
        this.current = deploying;
        this.deployed = deployed;
        this.stopping = stopping;
    }

    static DeploymentReadiness register(PayaraMicroRuntime runtime) {
        ClassLoader payara = runtime.getClass().getClassLoader();
        try {
            Class<?> check = payara.loadClass(HEALTH + "HealthCheck");
            Class<?> status = payara.loadClass(HEALTH + "HealthCheckResponse$Status");
            Constructor<?> response = payara.loadClass(HEALTH + "HealthCheckResponse")
                    .getConstructor(String.class, status, Optional.class);
            Object up = status.getField("UP").get(null);
            Object down = status.getField("DOWN").get(null);
            var readiness = new DeploymentReadiness(
                    response.newInstance("deployment", down, Optional.of(Map.of("state", "deploying"))),
                    response.newInstance("deployment", up, Optional.of(Map.of("state", "deployed"))),
                    response.newInstance("deployment", down, Optional.of(Map.of("state", "stopping"))));
            Object proxy = Proxy.newProxyInstance(payara, new Class<?>[]{check}, (self, method, args) -> switch (method.getName()) {
                case "call" -> readiness.current;
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "VoxClone deployment readiness";
            });

            Class<?> serviceType = payara.loadClass("fish.payara.microprofile.healthcheck.HealthCheckService");
            Class<?> type = payara.loadClass("fish.payara.microprofile.healthcheck.HealthCheckType");
            Object locator = payara.loadClass("org.glassfish.internal.api.Globals")
                    .getMethod("getDefaultBaseServiceLocator").invoke(null);
            Object service = payara.loadClass("org.glassfish.hk2.api.ServiceLocator")
                    .getMethod("getService", Class.class, Annotation[].class).invoke(locator, serviceType, new Annotation[0]);
            serviceType.getMethod("registerHealthCheck", String.class, check, type)
                    .invoke(service, "voxclone-deployment", proxy, type.getField("READINESS").get(null));
            return readiness;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Refuse to start rather than report ready too early (a Payara upgrade may have changed these classes).
            throw new LaunchException("could not register the deployment readiness check with Payara's health service: " + e, e);
        }
    }

    void deployed() {
        current = deployed;
    }

    void stopping() {
        current = stopping;
    }
}
