package mekong.exchange.console;

import java.util.Locale;
import java.util.UUID;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.security.ConsoleLogin;
import mekong.exchange.boot.security.Desk;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's pages. Each is a page of labels and empty places that its script fills
 * from the desk API, so the console shows exactly what the API says and follows its
 * rules; the pages carry the node, its time zone and the texts of the desk's language.
 */
@Controller
@RequestMapping("/console")
class ConsolePages {

	private final NodeProperties node;

	private final ConsoleLabels labels;

	private final boolean identityProvider;

	/**
	 * The login page offers the identity provider where the console is registered there,
	 * and otherwise says that the console has no login.
	 */
	ConsolePages(NodeProperties node, ConsoleLabels labels,
			ObjectProvider<ClientRegistrationRepository> identityProviders) {
		this.node = node;
		this.labels = labels;
		this.identityProvider = identityProviders.getIfAvailable() != null;
	}

	@ModelAttribute
	void common(Model model, Locale locale, @AuthenticationPrincipal Desk desk) {
		Locale language = ConsoleConfiguration.languageFor(locale);
		model.addAttribute("node", this.node.id().code());
		model.addAttribute("timeZone", this.node.timeZone().getId());
		model.addAttribute("language", language.getLanguage());
		model.addAttribute("languages", ConsoleConfiguration.LANGUAGES.stream().map(Locale::getLanguage).toList());
		model.addAttribute("labels", this.labels.of(language));
		model.addAttribute("supervisor", desk != null && desk.supervisor());
	}

	@GetMapping
	String home() {
		return "redirect:/console/inbox";
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("identityProvider", this.identityProvider ? ConsoleLogin.START : null);
		return "console/login";
	}

	@GetMapping("/inbox")
	String inbox() {
		return "console/inbox";
	}

	@GetMapping("/inbox/{alertId}")
	String inboxEntry(@PathVariable UUID alertId, Model model) {
		model.addAttribute("alertId", alertId);
		return "console/inbox-entry";
	}

	@GetMapping("/sent")
	String sent() {
		return "console/sent";
	}

	/** For supervisors: who read which alerts, or searched for which name, on a day. */
	@GetMapping("/reads")
	String reads() {
		return "console/reads";
	}

	@GetMapping("/sent/{alertId}")
	String sentAlert(@PathVariable UUID alertId, Model model) {
		model.addAttribute("alertId", alertId);
		return "console/sent-alert";
	}

	/**
	 * A new alert, or with {@code revise} an update of the desk's alert of that id, its
	 * form filled with the latest revision.
	 */
	@GetMapping("/compose")
	String compose(@RequestParam(required = false) UUID revise, Model model) {
		model.addAttribute("revise", revise);
		return "console/compose";
	}

}
