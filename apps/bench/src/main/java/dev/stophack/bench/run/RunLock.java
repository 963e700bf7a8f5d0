package dev.stophack.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code stophack bench} at a time on a machine's checkout: two at once would each measure the
 * other's load. A second one waits, saying so, or refuses when asked not to wait. The lock goes
 * with the process, so a killed run leaves nothing to clean up.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code file}, waiting for it when {@code wait}; null when it is held and not waiting. */
    public static RunLock acquire(Path file, boolean wait, PrintStream out) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null && wait) {
                out.println("stophack bench: another benchmark run holds " + file + "; waiting for it to finish");
                lock = channel.lock();
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            return new RunLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
