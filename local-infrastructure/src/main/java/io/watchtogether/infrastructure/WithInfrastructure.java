package io.watchtogether.infrastructure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the infrastructure shared by the whole test run, see {@link TestInfrastructure}.
 * Put it before {@code @SpringBootTest} so the {@code spring.*} system properties are set before the context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TestInfrastructure.class)
public @interface WithInfrastructure {
}
