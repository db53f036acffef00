package io.github.itl4j.dist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build-time rewrite of the release's copy of the CLI jar: the class files of picocli, which picocli ships as Java 5
 * class files (major version 49, no stack map frames), become Java 8 class files (52) with stack map frames computed
 * by ASM. Their code is unchanged. Class files older than Java 6 cannot be verified when a class-data-sharing archive
 * is made, so a JDK 17 archive stores them unverified (each run verifies them again, with the slow type-inferring
 * verifier) and a JDK 25 AOT cache cannot store them linked; as Java 8 class files both archive them verified.
 *
 * <p>Usage: {@code ClassFileUpgrade IN_JAR OUT_JAR PACKAGE_PREFIX...}, for example {@code picocli/}. Every other
 * entry is copied as it is, in the same order, with its time; the jar stays executable ({@code java -jar}).
 */
public final class ClassFileUpgrade {
    /** The version the old class files get: Java 8, the oldest that must carry stack map frames. */
    static final int TARGET = Opcodes.V1_8;

    private ClassFileUpgrade() {}

    /**
     * Runs the rewrite.
     *
     * @param args the input jar, the output jar and the package prefixes (with {@code /}) to upgrade
     * @throws IOException if a jar cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ClassFileUpgrade IN_JAR OUT_JAR PACKAGE_PREFIX...");
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        int upgraded = 0;
        try (JarFile jar = new JarFile(in.toFile(), false);
                URLClassLoader loader =
                        new URLClassLoader(new URL[] {in.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                JarOutputStream jos = new JarOutputStream(Files.newOutputStream(tmp))) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream is = jar.getInputStream(entry)) {
                    bytes = is.readAllBytes();
                }
                if (!entry.isDirectory() && entry.getName().endsWith(".class") && selected(entry.getName(), args)) {
                    byte[] up = upgrade(bytes, loader);
                    if (up != bytes) {
                        upgraded++;
                        bytes = up;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                jos.putNextEntry(copy);
                jos.write(bytes);
                jos.closeEntry();
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("ClassFileUpgrade: " + upgraded + " class files upgraded to Java 8 in " + out);
    }

    private static boolean selected(String name, String[] args) {
        for (int i = 2; i < args.length; i++) {
            if (name.startsWith(args[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param classFile a class file
     * @param loader loads the classes it refers to (for the common super classes of stack map frames)
     * @return the class file as a Java 8 class file with stack map frames, or {@code classFile} itself if it is
     *     already Java 6 or newer
     */
    static byte[] upgrade(byte[] classFile, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        int major = reader.readUnsignedShort(6);
        if (major >= Opcodes.V1_6) {
            return classFile;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public void visit(
                            int version,
                            int access,
                            String name,
                            String signature,
                            String superName,
                            String[] interfaces) {
                        super.visit(TARGET, access, name, signature, superName, interfaces);
                    }
                },
                ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
