package dev.cpcstream.streams.topology;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingStepsTest {

    @Test
    void aRunningStepDoesNotHoldUpTheCallerAndItsResultComesBackOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try (TrainingSteps<String> steps = TrainingSteps.onOwnThread("test-trainer")) {
            steps.submit(() -> {
                ranOn.set(Thread.currentThread());
                release.await();
                return "step 1";
            });
            assertEquals(List.of(), steps.finished(), "the step is still running");
            assertFalse(steps.idle());
            release.countDown();
            assertEquals(List.of("step 1"), awaitResults(steps, 1));
            assertTrue(steps.idle());
            assertEquals(List.of(), steps.finished(), "a result is taken once");
            assertNotSame(Thread.currentThread(), ranOn.get());
            assertEquals("test-trainer", ranOn.get().getName());
        }
    }

    @Test
    void resultsComeBackInTheOrderTheStepsWereHandedOver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TrainingSteps<Integer> steps = TrainingSteps.onOwnThread("test-trainer")) {
            steps.submit(() -> {
                release.await();
                return 1;
            });
            steps.submit(() -> 2);
            assertFalse(steps.hasRoom(), "one running and one ready is the most");
            assertThrows(IllegalStateException.class, () -> steps.submit(() -> 3));
            release.countDown();
            assertEquals(List.of(1, 2), awaitResults(steps, 2));
            assertTrue(steps.hasRoom());
        }
    }

    @Test
    void aFailedStepThrowsItsFailureOnTheCallersThread() throws Exception {
        try (TrainingSteps<String> steps = TrainingSteps.onOwnThread("test-trainer")) {
            steps.submit(() -> {
                throw new IllegalArgumentException("loss is not finite");
            });
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> {
                while (true) {
                    steps.finished();
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            });
            assertEquals("loss is not finite", thrown.getMessage());
        }
    }

    @Test
    void onTheCallersThreadAStepIsDoneWhenHandedOver() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try (TrainingSteps<String> steps = TrainingSteps.onCallerThread()) {
            steps.submit(() -> {
                ranOn.set(Thread.currentThread());
                return "done";
            });
            assertSame(Thread.currentThread(), ranOn.get());
            assertEquals(List.of("done"), steps.finished());
        }
    }

    @Test
    void closeWaitsForTheOutstandingSteps() {
        List<String> finished = new ArrayList<>();
        TrainingSteps<String> steps = TrainingSteps.onOwnThread("test-trainer");
        steps.submit(() -> {
            TimeUnit.MILLISECONDS.sleep(100);
            synchronized (finished) {
                finished.add("step");
            }
            return "step";
        });
        steps.close();
        synchronized (finished) {
            assertEquals(List.of("step"), finished, "the step finished before close returned");
        }
    }

    /** Waits until {@code count} results came back; the steps' thread is not ours to time. */
    private static <T> List<T> awaitResults(TrainingSteps<T> steps, int count) throws InterruptedException {
        List<T> results = new ArrayList<>();
        while (results.size() < count) {
            results.addAll(steps.finished());
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return results;
    }
}
