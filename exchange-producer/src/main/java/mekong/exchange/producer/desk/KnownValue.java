package mekong.exchange.producer.desk;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The contract's enums start with {@code UNKNOWN}, the value old readers fall back to for
 * symbols they do not know yet; a desk must never send it.
 */
@Documented
@Constraint(validatedBy = KnownValue.Validator.class)
@Target({ ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface KnownValue {

	String message() default "must be one of the listed values, not UNKNOWN";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<KnownValue, Enum<?>> {

		@Override
		public boolean isValid(Enum<?> value, ConstraintValidatorContext context) {
			return value == null || !"UNKNOWN".equals(value.name());
		}

	}

}
