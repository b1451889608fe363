package io.playball.platform.api;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation's default resolver asks JPA, for every constrained property, whether it is loaded: a lookup through
 * synchronized maps that serialised concurrent requests. What this service validates is request bodies, records
 * that JPA never loads, so every property is reachable and cascadable. Named in META-INF/validation.xml.
 */
public class RequestsAreNotEntities implements TraversableResolver {

    @Override
    public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                               ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                ElementType elementType) {
        return true;
    }
}
