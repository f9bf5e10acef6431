package io.watchtogether.infrastructure;

import org.junit.jupiter.api.Test;

/** One of two test classes that must see the same shared infrastructure. */
@WithInfrastructure
class SharedInfrastructureSecondTest {

    @Test
    void test_classes_share_one_infrastructure() {
        SharedInfrastructureAssertions.sameAsEveryOtherTestClass(TestInfrastructure.get());
    }
}
