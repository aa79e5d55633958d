package org.fmnist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fmnist.examples.evaluation.RobustnessCalibration;
import org.fmnist.examples.study.Budget;
import org.fmnist.examples.study.StudyPlan;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task list: which runs of a study are missing, and what travels to an executor. */
class RunTaskTest {

    private static final StudyPlan PLAN = new StudyPlan("test", List.of(Preset.of("baseline"), Preset.of("l2")),
            List.of(1L, 2L, 5L), Budget.QUICK, 3);

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");
    }

    @Test
    void oneTaskPerRunThatLacksItsResultOrItsEvaluation(@TempDir Path dir) throws IOException {
        assertEquals(6, RunTask.of(PLAN, dir, null).size());
        // Finished: result and evaluation. Trained but not evaluated: result only. Started: a checkpoint only.
        touch(dir.resolve("baseline/seed-1").resolve(TrainingRun.RESULT));
        touch(dir.resolve("baseline/seed-1").resolve(RobustnessCalibration.FILE));
        touch(dir.resolve("baseline/seed-5").resolve(TrainingRun.RESULT));
        touch(dir.resolve("l2/seed-2/checkpoint.zip"));
        touch(dir.resolve("l2/seed-5").resolve(TrainingRun.RESULT));
        touch(dir.resolve("l2/seed-5").resolve(RobustnessCalibration.FILE));

        List<RunTask> tasks = RunTask.of(PLAN, dir, Path.of("data"));
        assertEquals(List.of("baseline, seed 2", "baseline, seed 5", "l2, seed 1", "l2, seed 2"),
                tasks.stream().map(RunTask::label).toList());
        assertEquals(List.of(0, 1, 2, 3), tasks.stream().map(RunTask::index).toList());
        for (RunTask task : tasks) {
            assertEquals(dir.toAbsolutePath().normalize().toString(), task.studyDirectory());
            assertEquals(Path.of("data").toAbsolutePath().normalize().toString(), task.dataDirectory());
            assertEquals("quick", task.budget());
            assertEquals(3, task.epochs());
        }
        assertNull(RunTask.of(PLAN, dir, null).get(0).dataDirectory());
    }

    @Test
    void theExecutorRebuildsTheRunTheDriverPlanned(@TempDir Path dir) throws Exception {
        List<StudyPlan.PlannedRun> planned = PLAN.runs();
        List<RunTask> tasks = RunTask.of(PLAN, dir, null);
        for (int i = 0; i < tasks.size(); i++) {
            RunTask travelled = roundTrip(tasks.get(i));
            assertEquals(tasks.get(i), travelled);
            StudyPlan.PlannedRun rebuilt = travelled.plannedRun();
            assertEquals(planned.get(i), rebuilt);
            assertEquals(planned.get(i).directory(dir.toAbsolutePath()),
                    rebuilt.directory(Path.of(travelled.studyDirectory())));
        }
    }

    @Test
    void theStudyDirectoryMustBeAbsolute() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunTask(0, "baseline", 1, "quick", 0, "runs/study", null));
        assertEquals("studyDirectory must be absolute, was runs/study", e.getMessage());
    }

    private static RunTask roundTrip(RunTask task) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RunTask) in.readObject();
        }
    }
}
