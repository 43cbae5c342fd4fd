package dev.sweeper.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

class InFlightTest {
    static ExecutionAttributes call(String service, String operation) {
        ExecutionAttributes a = new ExecutionAttributes();
        a.putAttribute(SdkExecutionAttribute.SERVICE_NAME, service);
        a.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        return a;
    }

    @Test
    void call_whenAnsweredOrFailed_givesItsPlaceBackOnce() {
        InFlight inFlight = new InFlight(2);
        ExecutionAttributes ok = call("SageMaker", "DescribeEndpoint");
        ExecutionAttributes failed = call("CloudWatch", "GetMetricData");

        inFlight.beforeExecution(null, ok);
        inFlight.beforeExecution(null, failed);
        assertThat(inFlight.available()).isZero();

        inFlight.afterExecution(null, ok);
        inFlight.onExecutionFailure(null, failed);
        inFlight.onExecutionFailure(null, failed); // said twice: still one place back
        assertThat(inFlight.available()).isEqualTo(2);
    }

    @Test
    void listing_whenCalled_takesNoPlace() {
        InFlight inFlight = new InFlight(1);
        ExecutionAttributes listing = call("SageMaker", "ListEndpoints");

        inFlight.beforeExecution(null, listing);
        assertThat(inFlight.available()).isEqualTo(1);
        inFlight.afterExecution(null, listing);
        assertThat(inFlight.available()).isEqualTo(1);
    }

    @Test
    void call_whenEveryPlaceIsTaken_waitsForOne() throws Exception {
        InFlight inFlight = new InFlight(1);
        ExecutionAttributes first = call("SageMaker", "DescribeEndpoint");
        inFlight.beforeExecution(null, first);
        Thread second = new Thread(() -> inFlight.beforeExecution(null, call("SageMaker", "DescribeNotebookInstance")));
        second.start();
        second.join(200);
        assertThat(second.isAlive()).as("waits while the first is in flight").isTrue();

        inFlight.afterExecution(null, first);
        second.join(10_000);
        assertThat(second.isAlive()).isFalse();
    }
}
