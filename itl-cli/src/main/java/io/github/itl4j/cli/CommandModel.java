package io.github.itl4j.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IExtensible;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Builds picocli's model of a command without reading annotations at run time, for start-up time: every annotation
 * type the JDK reads by reflection makes it generate a proxy class, a few ms each, which no class-data archive holds
 * (BENCHMARKS.md, start-up). {@link CommandSpec#forAnnotatedObject} reads seven such types for one command
 * ({@code @Command}, {@code @Option}, {@code @Parameters}, {@code @Mixin}, {@code @Spec}, their meta-annotations and
 * those of {@code Object}'s methods).
 *
 * <p>The annotations stay the one source of truth: {@link GeneratedCommandModel} is generated from them by the
 * tests' {@code CommandModelGenerator} (which fails on anything this class does not carry), with their values as plain
 * objects that implement picocli's annotation interfaces; this class hands them to picocli's own builders
 * ({@link OptionSpec#builder(IAnnotatedElement, CommandLine.IFactory)}, {@link CommandSpec#updateCommandAttributes})
 * in the order picocli's reflection visits the members, so the model is the same. {@code CommandModelTest} checks
 * that the generated file is current and that both models agree, attribute by attribute, for every command.
 */
final class CommandModel {
    /** The name of the mixin of {@code mixinStandardHelpOptions} (picocli's {@code AutoHelpMixin.KEY}). */
    static final String HELP_MIXIN = "mixinStandardHelpOptions";

    /** The class of picocli's standard help options ({@code --help}, {@code --version}). */
    static final String HELP_MIXIN_CLASS = "picocli.CommandLine$AutoHelpMixin";

    private static final CommandLine.IFactory FACTORY = CommandLine.defaultFactory();

    private CommandModel() {}

    /**
     * @param command a command object of a class in the generated model
     * @return its model, as {@link CommandSpec#forAnnotatedObject} builds it, without subcommands
     */
    static CommandSpec build(Object command) {
        Declarations d = new Declarations();
        if (!GeneratedCommandModel.declare(command.getClass().getName(), d)) {
            throw new CommandLine.InitializationException(command.getClass().getName()
                    + " is not in GeneratedCommandModel: regenerate it (see CommandModelTest)");
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command, FACTORY);
        Scope scope = new Scope(command);
        boolean standardHelp = false;
        for (Object o : d.items) {
            if (o instanceof Command cmd) {
                spec.updateCommandAttributes(cmd, FACTORY);
                standardHelp |= cmd.mixinStandardHelpOptions();
            } else {
                add(spec, ((Decl) o).member(scope, spec));
            }
        }
        if (standardHelp) {
            addStandardHelp(spec);
        }
        return spec;
    }

    /** What picocli's {@code CommandReflection.initFromAnnotatedTypedMembers} does with one annotated member. */
    private static void add(CommandSpec spec, Member m) {
        if (m.isMixin()) {
            CommandSpec mixin;
            try {
                Object user = m.getter().get();
                if (user == null) {
                    user = FACTORY.create(m.getTypeInfo().getType());
                    m.setter().set(user);
                }
                mixin = build(user).withToString(m.getToString());
            } catch (CommandLine.InitializationException e) {
                throw e;
            } catch (Exception e) {
                throw new CommandLine.InitializationException(
                        "Could not access or modify mixin member " + m + ": " + e, e);
            }
            spec.addMixin(m.getMixinName(), mixin, m);
            for (IAnnotatedElement e : mixin.specElements()) {
                if (e.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) {
                    inject(e, spec, "Could not inject MIXEE spec");
                }
            }
        }
        if (m.isOption()) {
            spec.add(OptionSpec.builder(m, FACTORY).build());
        } else if (m.isParameter()) {
            spec.add(PositionalParamSpec.builder(m, FACTORY).build());
        }
        if (m.isSpec()) {
            spec.addSpecElement(m);
            if (m.getAnnotation(Spec.class).value() == Spec.Target.SELF) {
                inject(m, spec, "Could not inject spec");
            }
        }
    }

    private static void inject(IAnnotatedElement e, CommandSpec spec, String failure) {
        try {
            e.setter().set(spec);
        } catch (Exception ex) {
            throw new CommandLine.InitializationException(failure, ex);
        }
    }

    /** {@link CommandSpec#mixinStandardHelpOptions(boolean)}, without its reflection over picocli's help mixin. */
    private static void addStandardHelp(CommandSpec spec) {
        Object help;
        try {
            help = FACTORY.create(Class.forName(HELP_MIXIN_CLASS));
        } catch (Exception e) {
            throw new CommandLine.InitializationException("cannot create picocli's standard help options: " + e, e);
        }
        CommandSpec mixin = build(help);
        for (String name : mixin.optionsMap().keySet()) {
            if (spec.optionsMap().containsKey(name)) {
                return; // picocli leaves them out too (#1316)
            }
        }
        spec.addMixin(HELP_MIXIN, mixin);
    }

    /** The annotated members of one class (its hierarchy's), in the order picocli's reflection visits them. */
    static final class Declarations {
        private final List<Object> items = new ArrayList<>();
        private Class<?> in;

        /**
         * @param declaring the class whose members follow
         * @param command its {@code @Command} values, or null
         */
        void in(Class<?> declaring, Command command) {
            in = declaring;
            if (command != null) {
                items.add(command);
            }
        }

        /**
         * An annotated field.
         *
         * @param name its name
         * @param description picocli's description of it (from the field's generic declaration)
         * @param aux picocli's auxiliary types of its value
         * @param generics the names of its type's type arguments
         * @param annotations its annotations' values
         */
        void field(String name, String description, Class<?>[] aux, String[] generics, Annotation... annotations) {
            items.add(new Decl(in, name, null, description, aux, generics, annotations));
        }

        /**
         * An annotated setter method.
         *
         * @param name its name
         * @param parameter its parameter's type
         * @param description picocli's description of it (from the method's generic declaration)
         * @param aux picocli's auxiliary types of its value
         * @param generics the names of its type's type arguments
         * @param annotations its annotations' values
         */
        void method(
                String name,
                Class<?> parameter,
                String description,
                Class<?>[] aux,
                String[] generics,
                Annotation... annotations) {
            items.add(new Decl(in, name, parameter, description, aux, generics, annotations));
        }
    }

    /** One declared member, bound to its object when the model is built. */
    private record Decl(
            Class<?> declaring,
            String name,
            Class<?> parameter,
            String description,
            Class<?>[] aux,
            String[] generics,
            Annotation[] anns) {
        Member member(Scope scope, CommandSpec spec) {
            try {
                if (parameter == null) {
                    Field f = declaring.getDeclaredField(name);
                    f.setAccessible(true);
                    return new Member(f, f.getType(), scope, null, this);
                }
                Method m = declaring.getDeclaredMethod(name, parameter);
                m.setAccessible(true);
                return new Member(m, parameter, scope, spec, this);
            } catch (NoSuchFieldException | NoSuchMethodException | RuntimeException e) {
                throw new CommandLine.InitializationException(
                        declaring.getName() + "." + name
                                + " is not as in GeneratedCommandModel: regenerate it (see CommandModelTest): " + e,
                        e);
            }
        }
    }

    /** The command or mixin object whose members are bound. */
    private static final class Scope implements IScope {
        private Object value;

        Scope(Object value) {
            this.value = value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T v) {
            T old = (T) value;
            value = v;
            return old;
        }
    }

    /**
     * A field or setter method with its annotations' values: what picocli's {@code TypedMember} is for a member found
     * by reflection (the same names, types, bindings, initial-value state and messages).
     */
    static final class Member implements IAnnotatedElement, IExtensible, IGetter, ISetter, IScoped {
        private final AccessibleObject accessible;
        private final Annotation[] annotations;
        private final Scope scope;
        private final CommandSpec spec;
        private final ITypeInfo typeInfo;
        private final String name;
        private final String description;
        private Object currentValue;

        Member(AccessibleObject accessible, Class<?> type, Scope scope, CommandSpec spec, Decl decl) {
            this.accessible = accessible;
            this.annotations = decl.anns();
            this.scope = scope;
            this.spec = spec;
            this.name = accessible instanceof Method ? propertyName(decl.name()) : decl.name();
            this.typeInfo = new TypeInfo(type, decl.aux(), decl.generics());
            this.description = decl.description();
        }

        private static String propertyName(String methodName) {
            String n = methodName.length() > 3 && (methodName.startsWith("get") || methodName.startsWith("set"))
                    ? methodName.substring(3)
                    : methodName;
            return n.isEmpty() ? n : Character.toLowerCase(n.charAt(0)) + n.substring(1);
        }

        @Override
        public Object userObject() {
            return accessible;
        }

        @Override
        public boolean isAnnotationPresent(Class<? extends Annotation> annotationClass) {
            return getAnnotation(annotationClass) != null;
        }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            for (Annotation a : annotations) {
                if (annotationClass.isInstance(a)) {
                    return annotationClass.cast(a);
                }
            }
            return null;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getMixinName() {
            String n = getAnnotation(Mixin.class).name();
            return n.isEmpty() ? getName() : n;
        }

        @Override
        public boolean isArgSpec() {
            return isOption() || isParameter();
        }

        @Override
        public boolean isOption() {
            return isAnnotationPresent(Option.class);
        }

        @Override
        public boolean isParameter() {
            return isAnnotationPresent(Parameters.class);
        }

        @Override
        public boolean isArgGroup() {
            return false; // the generator refuses @ArgGroup
        }

        @Override
        public boolean isMixin() {
            return isAnnotationPresent(Mixin.class);
        }

        @Override
        public boolean isUnmatched() {
            return false; // the generator refuses @Unmatched
        }

        @Override
        public boolean isSpec() {
            return isAnnotationPresent(Spec.class);
        }

        @Override
        public boolean isParentCommand() {
            return false; // the generator refuses @ParentCommand
        }

        @Override
        public boolean isMultiValue() {
            Class<?> c = typeInfo.getType();
            return (c.isArray() && c != char[].class)
                    || Collection.class.isAssignableFrom(c)
                    || Map.class.isAssignableFrom(c);
        }

        @Override
        public boolean isInteractive() {
            Option o = getAnnotation(Option.class);
            Parameters p = getAnnotation(Parameters.class);
            return (o != null && o.interactive()) || (p != null && p.interactive());
        }

        @Override
        public boolean hasInitialValue() {
            return !(accessible instanceof Method); // a setter method has none (picocli: UNAVAILABLE)
        }

        @Override
        public boolean isMethodParameter() {
            return false;
        }

        @Override
        public int getMethodParamPosition() {
            return -1;
        }

        @Override
        public IScope scope() {
            return scope;
        }

        @Override
        public IGetter getter() {
            return this;
        }

        @Override
        public ISetter setter() {
            return this;
        }

        @Override
        public IScope getScope() {
            return scope;
        }

        @Override
        public ITypeInfo getTypeInfo() {
            return typeInfo;
        }

        /** picocli's description of the member, e.g. {@code field java.util.List<String> x.y.Cmd.files}. */
        @Override
        public String getToString() {
            return description;
        }

        @Override
        public String toString() {
            return accessible.toString();
        }

        /** picocli's {@code InitialValueState}: POSTPONED for a field, UNAVAILABLE for a setter method. */
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> T getExtension(Class<T> cls) {
            if (cls.isEnum() && cls.getName().equals("picocli.CommandLine$Model$InitialValueState")) {
                return (T) Enum.valueOf((Class) cls, accessible instanceof Method ? "UNAVAILABLE" : "POSTPONED");
            }
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            if (accessible instanceof Method) {
                return (T) currentValue;
            }
            Field f = (Field) accessible;
            try {
                return (T) f.get(scope.get());
            } catch (Exception e) {
                throw new CommandLine.PicocliException("Could not get value for field " + f, e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            if (accessible instanceof Method m) { // picocli's MethodBinding
                T old = (T) currentValue;
                try {
                    m.invoke(scope.get(), value);
                    currentValue = value;
                    return old;
                } catch (InvocationTargetException e) {
                    if (e.getTargetException() instanceof CommandLine.PicocliException p) {
                        throw p;
                    }
                    throw parameterException(m, value, e.getTargetException());
                } catch (Exception e) {
                    throw parameterException(m, value, e);
                }
            }
            Field f = (Field) accessible;
            try {
                T old = (T) f.get(scope.get());
                f.set(scope.get(), value);
                return old;
            } catch (Exception e) {
                throw new CommandLine.PicocliException("Could not set value for field " + f + " to " + value, e);
            }
        }

        private CommandLine.ParameterException parameterException(Method m, Object value, Throwable t) {
            CommandLine cmd = spec.commandLine() == null ? new CommandLine(spec) : spec.commandLine();
            return new CommandLine.ParameterException(
                    cmd, "Could not invoke " + m + " with " + value + " (" + t + ")", t);
        }
    }

    /**
     * picocli's type information for a member, as its reflection infers it (the generator records the auxiliary types
     * and type arguments); picocli's own {@code RuntimeTypeInfo} does the rest.
     */
    private static final class TypeInfo implements ITypeInfo {
        private final ITypeInfo delegate;
        private final List<String> generics;

        TypeInfo(Class<?> type, Class<?>[] aux, String[] generics) {
            this.delegate = PositionalParamSpec.builder()
                    .type(type)
                    .auxiliaryTypes(aux)
                    .build()
                    .typeInfo();
            this.generics = List.of(generics);
        }

        @Override
        public boolean isBoolean() {
            return delegate.isBoolean();
        }

        @Override
        public boolean isMultiValue() {
            return delegate.isMultiValue();
        }

        @Override
        public boolean isOptional() {
            return delegate.isOptional();
        }

        @Override
        public boolean isArray() {
            return delegate.isArray();
        }

        @Override
        public boolean isCollection() {
            return delegate.isCollection();
        }

        @Override
        public boolean isMap() {
            return delegate.isMap();
        }

        @Override
        public boolean isEnum() {
            return delegate.isEnum();
        }

        @Override
        public List<String> getEnumConstantNames() {
            return delegate.getEnumConstantNames();
        }

        @Override
        public String getClassName() {
            return delegate.getClassName();
        }

        @Override
        public String getClassSimpleName() {
            return delegate.getClassSimpleName();
        }

        @Override
        public List<ITypeInfo> getAuxiliaryTypeInfos() {
            return delegate.getAuxiliaryTypeInfos();
        }

        @Override
        public List<String> getActualGenericTypeArguments() {
            return generics;
        }

        @Override
        public Class<?> getType() {
            return delegate.getType();
        }

        @Override
        public Class<?>[] getAuxiliaryTypes() {
            return delegate.getAuxiliaryTypes();
        }

        @Override
        public String toString() {
            return delegate.toString() + Arrays.toString(getAuxiliaryTypes());
        }
    }
}
