package io.playball.auth.faults;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds {@link AfterWriteFault}; put on the account service by {@link FaultInjectionExtension}, never in source. */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FaultInjectable {

    /** The annotation as a value, for the extension to add. */
    final class Literal extends AnnotationLiteral<FaultInjectable> implements FaultInjectable {
        static final Literal INSTANCE = new Literal();
    }
}
