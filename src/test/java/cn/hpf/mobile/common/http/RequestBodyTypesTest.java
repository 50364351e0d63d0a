package cn.hpf.mobile.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Forward compatibility for partners and apps: every request body type of every operation, records and classes,
 * read as the REST layer and the partner API read them, ignores a field it does not know. The types are found in
 * the resources themselves, so a new operation cannot escape: a JSON parameter, or for a route that reads its
 * bytes by hand (signed partner bodies, optional bodies) the type its OpenAPI request body names.
 */
@QuarkusTest
class RequestBodyTypesTest {

    private static final String FROM_THE_FUTURE = "{\"aFieldFromTheFuture\":{\"list\":[1,{\"x\":null}],\"n\":1.5}}";

    @Inject
    ObjectMapper json;

    @Test
    void everyRequestBodyTypeIgnoresAFieldItDoesNotKnow() throws Exception {
        assertThat(json.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        Set<String> checked = new TreeSet<>();
        List<String> refused = new ArrayList<>();
        for (Class<?> type : requestBodyTypes()) {
            checked.add(type.getName());
            try {
                json.readValue(FROM_THE_FUTURE, type);
            } catch (IOException | RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof PropertyBindingException) {
                        refused.add(type.getName() + ": " + t.getMessage());
                    }
                }
            }
        }
        assertThat(checked).as("request body types found").hasSizeGreaterThan(15).contains(
                "cn.hpf.mobile.auth.LoginRequest", "cn.hpf.mobile.withdrawal.WithdrawalRequest",
                "cn.hpf.mobile.partner.api.PartnerRequests$Withdrawal",
                "cn.hpf.mobile.partner.consent.TokenRequest");
        assertThat(refused).isEmpty();
    }

    private static Set<Class<?>> requestBodyTypes() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("cn/hpf/mobile"))) {
            names = files.map(f -> classes.relativize(f).toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Set<Class<?>> types = new java.util.LinkedHashSet<>();
        for (String name : names) {
            Class<?> resource = Class.forName(name, false, loader);
            if (!resource.isAnnotationPresent(Path.class)) {
                continue;
            }
            for (Method m : resource.getDeclaredMethods()) {
                if (!(m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(PATCH.class) || m.isAnnotationPresent(DELETE.class))) {
                    continue;
                }
                for (Parameter p : m.getParameters()) {
                    if (bindsSomethingElse(p)) {
                        continue;
                    }
                    Class<?> type = p.getType();
                    if (type == byte[].class || type == String.class) {
                        RequestBody documented = m.getAnnotation(RequestBody.class);
                        if (documented != null && documented.content().length > 0
                                && documented.content()[0].schema().implementation() != Void.class) {
                            types.add(documented.content()[0].schema().implementation());
                        }
                    } else {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    /** A path, query, header or context parameter: not the body. */
    private static boolean bindsSomethingElse(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String pkg = a.annotationType().getPackageName();
            if (pkg.equals("jakarta.ws.rs") || pkg.equals("jakarta.ws.rs.core")
                    || pkg.startsWith("org.jboss.resteasy.reactive")) {
                return true;
            }
        }
        return false;
    }
}
