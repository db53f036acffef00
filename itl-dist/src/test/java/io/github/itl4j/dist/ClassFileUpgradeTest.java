package io.github.itl4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;

/** The build-time rewrite of picocli's Java 5 class files ({@link ClassFileUpgrade}). */
class ClassFileUpgradeTest {
    @TempDir
    Path tmp;

    @Test
    void picocliBecomesJava8ClassFilesThatVerifyWithTheSameCode() throws Exception {
        Path picocli = Path.of(CommandLine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path out = tmp.resolve("up.jar");
        ClassFileUpgrade.main(new String[] {picocli.toString(), out.toString(), "picocli/"});

        Map<String, byte[]> before = classes(picocli);
        Map<String, byte[]> after = classes(out);
        assertEquals(before.keySet(), after.keySet());
        assertTrue(before.size() > 100, "picocli's classes: " + before.size());
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            String name = e.getKey();
            assertEquals(49, major(e.getValue()), name + " was a Java 5 class file"); // why the rewrite exists
            assertEquals(52, major(after.get(name)), name);
            assertEquals(code(e.getValue()), code(after.get(name)), name + ": the same instructions");
        }

        // loaded and linked from the rewritten jar: a Java 8 class file must verify with its stack map frames (no
        // fallback to the old verifier), so a missing or wrong frame fails here
        ClassLoader loader = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = after.get(name.replace('.', '/') + ".class");
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        for (String name : after.keySet()) {
            Class<?> c = Class.forName(name.replace('/', '.').replaceAll("\\.class$", ""), false, loader);
            assertSame(loader, c.getClassLoader());
            c.getDeclaredMethods(); // links, hence verifies, the class
        }
    }

    @Test
    void otherEntriesAreCopiedAsTheyAre() throws IOException {
        Path in = tmp.resolve("in.jar");
        byte[] newer = classBytes(ClassFileUpgrade.class); // Java 17: left alone
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(in))) {
            put(jos, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes());
            put(jos, "picocli/Newer.class", newer);
            put(jos, "picocli/readme.txt", "text".getBytes());
            put(jos, "other/Old.class", classBytes(CommandLine.class)); // not under the prefix: left alone
        }
        Path out = tmp.resolve("out.jar");
        ClassFileUpgrade.main(new String[] {in.toString(), out.toString(), "picocli/"});
        try (JarFile j = new JarFile(out.toFile())) {
            List<String> names = new ArrayList<>();
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
            assertEquals(
                    List.of("META-INF/MANIFEST.MF", "picocli/Newer.class", "picocli/readme.txt", "other/Old.class"),
                    names);
            assertEquals("1.0", j.getManifest().getMainAttributes().getValue("Manifest-Version"));
            assertEquals(new String(newer, "ISO-8859-1"), new String(read(j, "picocli/Newer.class"), "ISO-8859-1"));
            assertEquals(49, major(read(j, "other/Old.class")));
        }
    }

    private static void put(JarOutputStream jos, String name, byte[] b) throws IOException {
        jos.putNextEntry(new JarEntry(name));
        jos.write(b);
        jos.closeEntry();
    }

    private static byte[] classBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] read(JarFile j, String name) throws IOException {
        try (InputStream in = j.getInputStream(j.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> classes(Path jar) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("picocli/") && entry.getName().endsWith(".class")) {
                    out.put(entry.getName(), read(j, entry.getName()));
                }
            }
        }
        return out;
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** Every method's name, descriptor and opcodes, in order (stack map frames left out). */
    private static List<String> code(byte[] classFile) {
        List<String> out = new ArrayList<>();
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String desc, String signature, String[] exceptions) {
                                out.add(access + " " + name + desc);
                                return new MethodVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visitInsn(int opcode) {
                                        out.add(Integer.toString(opcode));
                                    }

                                    @Override
                                    public void visitVarInsn(int opcode, int var) {
                                        out.add(opcode + " " + var);
                                    }

                                    @Override
                                    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                                        out.add(Integer.toString(opcode));
                                    }

                                    @Override
                                    public void visitMethodInsn(
                                            int opcode, String owner, String name, String desc, boolean itf) {
                                        out.add(opcode + " " + owner + "." + name + desc);
                                    }

                                    @Override
                                    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                                        out.add(opcode + " " + owner + "." + name);
                                    }

                                    @Override
                                    public void visitTypeInsn(int opcode, String type) {
                                        out.add(opcode + " " + type);
                                    }

                                    @Override
                                    public void visitLdcInsn(Object value) {
                                        out.add("ldc " + value);
                                    }
                                };
                            }
                        },
                        ClassReader.SKIP_FRAMES);
        return out;
    }
}
